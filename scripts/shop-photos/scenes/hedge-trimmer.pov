// hedge-trimmer (gardening)
#declare Backdrop = rgb <0.9, 0.94, 0.86>;
#include "studio.inc"
#include "products.inc"
object { Trimmer(rgb <0.1, 0.55, 0.55>) }
