// robot-kit (kids)
#declare Backdrop = rgb <0.97, 0.93, 0.86>;
#include "studio.inc"
#include "products.inc"
object { Robot(rgb <0.2, 0.55, 0.9>) }
