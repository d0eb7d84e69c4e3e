"""256 short, distinct English words for reading key fingerprints aloud (one word = 8 bits).

No two words share their first four letters, so a word misheard or mistyped is still told apart.
The list is part of the fingerprint format: never reorder or change it.
"""

WORDS: tuple[str, ...] = tuple("""
acorn actor adult agent alarm album alley amber angle ankle apple apron arena arrow atlas attic
autumn award bacon badge bagel baker bamboo banana banjo barley barrel basil basket beach beard
beaver belt bench berry bison board bonus border bottle bounty bowl branch bread breeze brick
bridge brush bucket bugle bundle burger butter cabin cactus camel canal candle canoe canvas
canyon carpet carrot castle cattle cedar cellar cereal chair chalk cherry chess circle citrus
clock cloud clover coast cobalt cocoa coffee comet copper coral cotton cougar cousin crayon
dagger daisy dancer debut delta desert dinner doctor donkey dragon drawer dream drum eagle easel
echo elbow ember engine falcon fence ferry fiddle fig finger fjord flame flute forest fossil fox
frost galaxy garden garlic gecko geyser ginger glove goat grape gravel guitar hammer harbor
hazel helmet heron hiking hobby honey hotel igloo iris island ivory jacket jaguar jelly jewel
jigsaw jungle kayak kettle kitten koala ladder lagoon lemon lentil letter lily lizard locket
lotus lunar magnet mango maple marble meadow melon mirror mitten monkey mosaic muffin mussel
napkin nectar needle noodle nutmeg oasis ocean olive onion orbit orchid otter owl oyster paddle
palace panda paper parrot pasta peach peanut pebble pencil pepper piano pigeon pillow pilot
planet plum pocket pony potato puzzle quartz quilt rabbit radio raven reef ribbon river robin
rocket saddle salmon sandal saturn scarf shadow shell silver sketch spider spoon squash stone
sugar sunset swan table tiger toast tomato tulip turtle valley velvet violin wagon walnut whale
willow window winter wizard yacht yogurt zebra
""".split())

assert len(WORDS) == 256 and len({w[:4] for w in WORDS}) == 256
