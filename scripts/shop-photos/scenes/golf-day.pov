// golf-day (sports)
#declare Backdrop = rgb <0.88, 0.92, 0.96>;
#include "studio.inc"
#include "products.inc"
object { GolfDay() }
