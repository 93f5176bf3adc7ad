/**
 * Texts of the step player (templates/_player.html, the player on the home and
 * attention pages, views/controls.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/player_strings
 */

import { addStrings } from '../i18n.js';

/** The player's strings, by language then key. */
export const PLAYER_STRINGS = addStrings({
  en: {
    'player.label': 'Playback',
    'player.home': 'First step',
    'player.back': 'Previous step',
    'player.play': 'Play',
    'player.pause': 'Pause',
    'player.forward': 'Next step',
    'player.end': 'Last step',
    'player.speed': 'Speed',
    'player.step': 'Step {t} of {n}',
  },
  zh: {
    'player.label': '播放控制',
    'player.home': '第一步',
    'player.back': '上一步',
    'player.play': '播放',
    'player.pause': '暂停',
    'player.forward': '下一步',
    'player.end': '最后一步',
    'player.speed': '速度',
    'player.step': '第 {t} 步，共 {n} 步',
  },
});
