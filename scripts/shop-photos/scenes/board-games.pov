// board-games (kids)
#declare Backdrop = rgb <0.97, 0.93, 0.86>;
#include "studio.inc"
#include "products.inc"
object { BoardGames() }
