// laser-meter (home-diy)
#declare Backdrop = rgb <0.95, 0.93, 0.87>;
#include "studio.inc"
#include "products.inc"
object { LaserMeter(rgb <0.95, 0.7, 0.1>) scale 1.2 }
