// car-care (cars)
#declare Backdrop = rgb <0.9, 0.91, 0.93>;
#include "studio.inc"
#include "products.inc"
object { CarCare() }
