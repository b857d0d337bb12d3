// bike-helmet (kids)
#declare Backdrop = rgb <0.97, 0.93, 0.86>;
#include "studio.inc"
#include "products.inc"
object { Helmet(rgb <0.2, 0.7, 0.4>) scale 1.35 }
