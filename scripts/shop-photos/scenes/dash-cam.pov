// dash-cam (cars)
#declare Backdrop = rgb <0.9, 0.91, 0.93>;
#include "studio.inc"
#include "products.inc"
object { DashCam(rgb 0.16) scale 1.25 }
