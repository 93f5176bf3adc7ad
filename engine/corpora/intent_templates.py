"""The phrasings of the intent corpus: templates per intent and the values of their slots.

Templates are plain sentences, written as people type them, with slots in braces ({city},
{clock}...) filled from SLOTS. Each intent has training templates and held-out-only templates
(about one in six): the held-out set draws from both, the training set never sees the second
kind, so held-out accuracy measures generalisation to unseen phrasings, not only to unseen
slot values. Templates carry no politeness prefix ("hey ,", "ok ,"): intent.py adds those.
"""


def _lines(block: str) -> tuple[str, ...]:
    """The non-empty lines of a block, stripped: one template per line."""
    return tuple(line.strip() for line in block.splitlines() if line.strip())


def _clock_times() -> tuple[str, ...]:
    """Times as people type them: 7, 7 am, 7pm, 7:30, 6:45 am, 7 o'clock, noon, midnight."""
    times = ["noon", "midnight"]
    for hour in range(1, 13):
        times += [f"{hour}", f"{hour} am", f"{hour} pm", f"{hour}am", f"{hour}pm"]
        times += [f"{hour}:{minute}" for minute in ("00", "15", "30", "45", "05", "20")]
        times += [f"{hour}:30 am", f"{hour}:15 pm", f"{hour}:45 am", f"{hour} o'clock"]
    return tuple(times)


SLOTS: dict[str, tuple[str, ...]] = {
    "city": (
        "london", "paris", "tokyo", "beijing", "berlin", "new york", "hong kong", "sydney",
        "madrid", "rome", "cairo", "moscow", "seattle", "chicago", "los angeles",
        "san francisco", "mexico city", "toronto", "dubai", "singapore",
    ),
    "day": (
        "today", "tomorrow", "tonight", "this morning", "this afternoon", "this evening",
        "this weekend", "tomorrow morning", "on monday", "on tuesday", "on wednesday",
        "on thursday", "on friday", "on saturday", "on sunday", "next week",
    ),
    "date": (  # a day after "for": "the weather for monday"
        "today", "tomorrow", "tonight", "tomorrow morning", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "the weekend", "next week",
    ),
    "clock": _clock_times(),
    "count": ("5", "10", "15", "20", "30", "45", "90"),
    "sky": (
        "rain", "snow", "be sunny", "be windy", "be cloudy", "be hot", "be cold", "storm",
        "be foggy",
    ),
    "genre": (
        "jazz", "rock", "pop", "classical", "folk", "hip hop", "blues", "country", "reggae",
        "metal", "soul", "disco", "piano", "electronic", "indie",
    ),
    "mood": (
        "relaxing", "upbeat", "calm", "happy", "sad", "chill", "romantic", "quiet",
        "energetic", "cheerful", "peaceful", "loud",
    ),
    "topic": (
        "cats", "dogs", "computers", "school", "food", "robots", "doctors", "teachers",
        "math", "pirates", "cows", "penguins", "the weather", "music", "time travel",
        "alarm clocks", "my boss", "bananas",
    ),
    "adjective": (
        "short", "silly", "new", "good", "funny", "bad", "dad", "clean", "nerdy", "quick",
        "dumb", "corny", "random",
    ),
    "greet": (
        "hello", "hi", "hey", "hiya", "howdy", "yo", "greetings", "hey there", "hi there",
        "hello there",
    ),
    "who": (
        "friend", "buddy", "pal", "there", "again", "robot", "computer", "assistant",
        "everyone", "you",
    ),
    "daytime": ("morning", "afternoon", "evening"),
}  # fmt: skip

TRAIN_TEMPLATES: dict[str, tuple[str, ...]] = {
    "time": _lines("""
        what time is it ?
        what time is it now ?
        what time is it right now ?
        what time is it in {city} ?
        what time is it in {city} right now ?
        what time is it over in {city} ?
        what time is it where you are ?
        what's the time ?
        what's the time in {city} ?
        what is the time please ?
        what is the current time ?
        what is the local time in {city} ?
        time ?
        time please
        the time ?
        current time
        time in {city}
        time check
        do you know what time it is ?
        do you know the time in {city} ?
        can you tell me the time ?
        could you tell me what time it is ?
        tell me the time
        tell me what time it is in {city}
        i want to know the time
        i'd like to know what time it is
        i need to know the time in {city}
        do you have the time ?
        what time have you got ?
        is it {clock} yet ?
        is it {clock} already ?
        is it past {clock} ?
        is it after {clock} in {city} ?
        is it late ?
        how late is it ?
        how late is it in {city} ?
        how long until {clock} ?
        how many minutes until {clock} ?
        check the time
        give me the time
        read me the time
        what time does the clock say ?
        """),
    "weather": _lines("""
        what's the weather ?
        what's the weather like ?
        what's the weather like in {city} ?
        what's the weather {day} ?
        what's the weather in {city} {day} ?
        what is the weather going to be like {day} ?
        weather ?
        weather {day}
        weather in {city}
        weather in {city} {day}
        the weather {day} ?
        forecast for {date}
        what's the forecast for {city} ?
        how's the weather ?
        how is the weather in {city} {day} ?
        how's the weather looking {day} ?
        is it going to {sky} {day} ?
        will it {sky} in {city} {day} ?
        will it {sky} {day} ?
        is it raining in {city} ?
        is it snowing ?
        is it cold outside ?
        is it hot in {city} right now ?
        how cold is it in {city} ?
        how hot will it be {day} ?
        what's the temperature in {city} ?
        what is the temperature outside ?
        do i need an umbrella {day} ?
        do i need a coat {day} ?
        should i bring an umbrella ?
        should i wear a jacket {day} ?
        can you tell me the weather ?
        could you check the weather in {city} ?
        tell me the weather for {date}
        tell me the forecast
        i want to know the weather {day}
        i'd like the weather for {city}
        do you know if it will {sky} {day} ?
        check the weather
        is it nice outside ?
        what's it like outside ?
        will it be a nice day {day} ?
        """),
    "greeting": _lines("""
        {greet}
        {greet} !
        {greet} {who}
        {greet} {who} !
        good {daytime}
        good {daytime} !
        good {daytime} {who}
        {greet} , how are you ?
        {greet} {who} , how are you doing ?
        how are you ?
        how are you {who} ?
        how are you doing this {daytime} ?
        how's it going ?
        {greet} , how's it going ?
        how's your day ?
        how's your day going , {who} ?
        how have you been ?
        {greet} {who} , how have you been ?
        what's up ?
        what's up {who} ?
        what's new ?
        {greet} {who} , what's up ?
        {greet} , nice to meet you
        nice to meet you {who}
        pleased to meet you
        good to see you {who}
        good to see you again
        {greet} , i'm back
        i'm back {who}
        long time no see
        {greet} , can you hear me ?
        are you there ?
        anybody there ?
        good {daytime} , how are you ?
        good {daytime} to you
        {greet} , how's your {daytime} ?
        {greet} {who} , how is your {daytime} going ?
        hope you're well
        hey you
        morning !
        evening !
        hi , it's me
        {greet} , who am i talking to ?
        hello hello
        how do you do ?
        {greet} , good {daytime}
        yo , what's going on ?
        """),
    "music": _lines("""
        play some {genre}
        play some {genre} music
        play {genre}
        play {genre} music
        play music
        play a song
        play something {mood}
        play some {mood} music
        play a {mood} song
        play my {genre} playlist
        play my favorite playlist
        put on some {genre}
        put on some {mood} music
        put some music on
        can you play some music ?
        can you play some {genre} ?
        could you play something {mood} ?
        i want to listen to {genre}
        i want to hear some {mood} music
        i'd like to hear some {genre}
        i feel like listening to {genre}
        let's listen to some {genre}
        do you know any {genre} songs ?
        music please
        some {genre} please
        next song
        skip this song
        play the next song
        play the previous song
        go back to the last song
        turn the music up
        turn the music down
        turn up the volume
        turn off the music
        stop the music
        pause the music
        resume the music
        what song is this ?
        what's this song called ?
        who sings this song ?
        shuffle my playlist
        play something i can dance to
        sing me a song
        """),
    "alarm": _lines("""
        set an alarm for {clock}
        set an alarm for {clock} {day}
        set my alarm for {clock}
        set the alarm to {clock}
        alarm at {clock}
        alarm for {clock} {day}
        alarm {clock}
        new alarm for {clock}
        wake me up at {clock}
        wake me up at {clock} {day}
        wake me at {clock}
        wake me at {clock} {day}
        wake me up in {count} minutes
        wake me up {day} at {clock}
        please wake me up at {clock}
        can you set an alarm for {clock} ?
        could you wake me up at {clock} ?
        i want to wake up at {clock}
        i need to get up at {clock} {day}
        i'd like an alarm at {clock}
        remind me to wake up at {clock}
        set an alarm in {count} minutes
        what time is my alarm ?
        what time is my alarm set for ?
        when is my alarm ?
        is my alarm set for {clock} ?
        is my alarm on ?
        do i have an alarm {day} ?
        do you know when my alarm goes off ?
        tell me when my alarm goes off
        cancel my alarm
        cancel the alarm for {clock}
        cancel my {clock} alarm
        delete all my alarms
        turn off the alarm
        turn off my alarm for {date}
        stop the alarm
        snooze the alarm
        snooze for {count} minutes
        move my alarm to {clock}
        change my alarm to {clock} {day}
        show me my alarms
        don't let me oversleep {day}
        make sure i'm up by {clock}
        """),
    "joke": _lines("""
        tell me a joke
        tell me a joke please
        tell me a {adjective} joke
        tell me another joke
        tell me a joke about {topic}
        tell me a {adjective} joke about {topic}
        tell me something funny
        tell me something funny about {topic}
        joke ?
        a joke please
        joke about {topic}
        one more joke
        can you tell me a joke ?
        could you tell me a {adjective} joke ?
        do you know any jokes ?
        do you know any jokes about {topic} ?
        do you know a {adjective} joke ?
        do you have a joke for me ?
        got any jokes about {topic} ?
        i want to hear a joke
        i want to hear a joke about {topic}
        i'd like to hear a {adjective} joke
        i need a good laugh
        make me laugh
        say something funny
        say something funny about {topic}
        what's the funniest joke you know ?
        what's your best joke ?
        what is your favorite joke about {topic} ?
        cheer me up with a joke
        cheer me up
        know any good jokes ?
        joke time
        time for a joke
        tell me a knock knock joke
        give me a joke about {topic}
        share a joke with me
        i'm bored , tell me a joke
        be funny
        amuse me
        make a joke about {topic}
        what's a good joke about {topic} ?
        """),
}

HELDOUT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "time": _lines("""
        got the time ?
        what's the hour ?
        could you check the time for me ?
        any idea what time it is ?
        what time is it at the moment ?
        how late is it now in {city} ?
        tell me the current time in {city}
        is it {clock} in {city} yet ?
        """),
    "weather": _lines("""
        any chance it will {sky} {day} ?
        how warm is it in {city} ?
        give me the weather report for {date}
        is it windy outside ?
        what should i wear {day} ?
        am i going to need an umbrella in {city} ?
        what's the weather doing in {city} ?
        how's the weather in {city} right now ?
        """),
    "greeting": _lines("""
        {greet} , how are things ?
        how's everything ?
        good {daytime} , nice to see you
        {greet} , how's life ?
        {greet} , long time no see
        is anyone there ?
        what's happening ?
        {greet} mate , good to see you
        """),
    "music": _lines("""
        could you put on a {mood} song ?
        start playing some {genre}
        i'm in the mood for some {genre}
        crank up the music
        play me some {genre} songs
        switch to {genre}
        throw on some {mood} tunes
        louder please
        """),
    "alarm": _lines("""
        get me up at {clock}
        i have to be up at {clock} {day}
        alarm please , {clock}
        could you set my alarm to {clock} {day} ?
        when will my alarm ring ?
        push my alarm back to {clock}
        turn my alarm off
        i need an alarm for {clock}
        """),
    "joke": _lines("""
        crack a joke
        hit me with a joke about {topic}
        could you make me laugh ?
        entertain me with a {adjective} joke
        any jokes about {topic} ?
        let's hear a joke
        say a joke about {topic}
        i could use a joke right now
        """),
}

# Openings and closings added to requests (not to greetings, which open with their own);
# the empty strings make a bare request the most common form.
PREFIXES = (
    "", "", "", "", "", "", "hey", "hey ,", "ok", "ok ,", "okay ,", "please ,",
    "excuse me ,", "hi ,", "hello ,", "good morning ,", "so ,", "um ,", "hey there ,",
)  # fmt: skip
SUFFIXES = ("", "", "", "", "", "please", ", please", "thanks", "thank you")
