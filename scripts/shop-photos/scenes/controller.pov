// controller (gaming)
#declare Backdrop = rgb <0.9, 0.89, 0.96>;
#include "studio.inc"
#include "products.inc"
object { Controller(rgb <0.2, 0.22, 0.3>) }
