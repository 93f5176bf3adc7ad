import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { BASE_INTERVAL_MS, SPEED_MAX, createPlayer } from '../../static/js/player.js';

/** A hand-cranked clock: timers fire only when the test says so. */
function fakeClock() {
  const timers = new Map();
  let nextId = 1;
  return {
    timers,
    setTimeoutFn(fn, ms) {
      const id = nextId++;
      timers.set(id, { fn, ms });
      return id;
    },
    clearTimeoutFn(id) {
      timers.delete(id);
    },
    /** Fire every pending timer once (as if enough time passed). */
    fireAll() {
      const pending = [...timers.entries()];
      timers.clear();
      for (const [, { fn }] of pending) fn();
    },
    delays: () => [...timers.values()].map((t) => t.ms),
  };
}

function make(options = {}) {
  const clock = fakeClock();
  const seen = [];
  const player = createPlayer({
    steps: 4,
    onStep: (t) => seen.push(t),
    setTimeoutFn: clock.setTimeoutFn,
    clearTimeoutFn: clock.clearTimeoutFn,
    ...options,
  });
  return { clock, seen, player };
}

describe('createPlayer', () => {
  test('starts paused at step 0', () => {
    const { player, seen } = make();
    assert.deepEqual(player.getSnapshot(), { t: 0, steps: 4, playing: false, speed: 1 });
    assert.deepEqual(seen, []);
  });

  test('play advances one step per tick and stops at the end', () => {
    const { player, seen, clock } = make();
    player.play();
    assert.equal(player.getSnapshot().playing, true);
    for (let i = 0; i < 10; i++) clock.fireAll();
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(player.getSnapshot(), { t: 3, steps: 4, playing: false, speed: 1 });
    assert.equal(clock.timers.size, 0);
  });

  test('a tick scheduled before pause does nothing (generation counter)', () => {
    const clock = fakeClock();
    const seen = [];
    // A clearTimeout that does not clear: the stale callback still fires.
    const player = createPlayer({
      steps: 4,
      onStep: (t) => seen.push(t),
      setTimeoutFn: clock.setTimeoutFn,
      clearTimeoutFn: () => {},
    });
    player.play();
    const stale = [...clock.timers.values()][0].fn;
    player.pause();
    stale();
    assert.deepEqual(seen, []);
    assert.equal(player.getSnapshot().t, 0);
    player.play();
    stale();
    assert.deepEqual(seen, [], 'a tick from an earlier play is stale too');
  });

  test('pause clears the pending timer', () => {
    const { player, clock } = make();
    player.play();
    assert.equal(clock.timers.size, 1);
    player.pause();
    assert.equal(clock.timers.size, 0);
    assert.equal(player.getSnapshot().playing, false);
  });

  test('play at the end restarts from 0', () => {
    const { player, seen, clock } = make({ t: 3 });
    player.play();
    assert.deepEqual(seen, [0]);
    clock.fireAll();
    assert.deepEqual(seen, [0, 1]);
  });

  test('toggle alternates play and pause', () => {
    const { player } = make();
    player.toggle();
    assert.equal(player.getSnapshot().playing, true);
    player.toggle();
    assert.equal(player.getSnapshot().playing, false);
  });

  test('play does nothing with fewer than two steps', () => {
    for (const steps of [0, 1]) {
      const { player, clock } = make({ steps });
      player.play();
      assert.equal(player.getSnapshot().playing, false);
      assert.equal(clock.timers.size, 0);
    }
  });

  test('stepForward and stepBack clamp and pause', () => {
    const { player, seen } = make();
    player.stepBack();
    assert.equal(player.getSnapshot().t, 0);
    player.play();
    player.stepForward();
    assert.equal(player.getSnapshot().playing, false);
    player.stepForward();
    player.stepForward();
    player.stepForward();
    assert.equal(player.getSnapshot().t, 3);
    player.stepBack();
    assert.deepEqual(seen, [1, 2, 3, 2]);
  });

  test('seek clamps to 0..steps-1 and ignores NaN', () => {
    const { player } = make();
    player.seek(2);
    assert.equal(player.getSnapshot().t, 2);
    player.seek(99);
    assert.equal(player.getSnapshot().t, 3);
    player.seek(-5);
    assert.equal(player.getSnapshot().t, 0);
    player.seek(Number.NaN);
    assert.equal(player.getSnapshot().t, 0);
    player.seek(Number.POSITIVE_INFINITY);
    assert.equal(player.getSnapshot().t, 3);
  });

  test('home and end', () => {
    const { player, seen } = make();
    player.end();
    player.home();
    assert.deepEqual(seen, [3, 0]);
  });

  test('onStep fires only when t changes', () => {
    const { player, seen } = make();
    player.seek(0);
    player.home();
    assert.deepEqual(seen, []);
  });

  test('speed divides the interval and reschedules a running timer', () => {
    const { player, clock } = make();
    player.play();
    assert.deepEqual(clock.delays(), [BASE_INTERVAL_MS]);
    player.setSpeed(2);
    assert.deepEqual(clock.delays(), [BASE_INTERVAL_MS / 2]);
    assert.equal(player.getSnapshot().speed, 2);
  });

  test('setSpeed clamps and ignores garbage', () => {
    const { player } = make();
    player.setSpeed(1000);
    assert.equal(player.getSnapshot().speed, SPEED_MAX);
    player.setSpeed(-1);
    player.setSpeed(Number.NaN);
    assert.equal(player.getSnapshot().speed, SPEED_MAX);
  });

  test('setSteps clamps t into the new range', () => {
    const { player, seen } = make({ t: 3 });
    player.setSteps(2);
    assert.deepEqual(player.getSnapshot(), { t: 1, steps: 2, playing: false, speed: 1 });
    assert.deepEqual(seen, [1]);
    player.setSteps(0);
    assert.equal(player.getSnapshot().t, 0);
    player.setSteps(-3);
    assert.equal(player.getSnapshot().steps, 0);
  });

  test('setSteps shrinking under a running player stops it at the new end', () => {
    const { player, clock } = make({ steps: 10, t: 5 });
    player.play();
    player.setSteps(3);
    assert.deepEqual(player.getSnapshot(), { t: 2, steps: 3, playing: false, speed: 1 });
    assert.equal(clock.timers.size, 0);
  });

  test('onChange reports play, ticks and pause', () => {
    const snapshots = [];
    const { player, clock } = make({ onChange: (s) => snapshots.push(s) });
    player.play();
    clock.fireAll();
    player.pause();
    assert.deepEqual(
      snapshots.map((s) => [s.t, s.playing]),
      [
        [0, true],
        [1, true],
        [1, false],
      ],
    );
  });

  test('initial t and speed are clamped', () => {
    const { player } = make({ t: 99, speed: 0 });
    assert.deepEqual(player.getSnapshot(), { t: 3, steps: 4, playing: false, speed: 1 });
  });
});
