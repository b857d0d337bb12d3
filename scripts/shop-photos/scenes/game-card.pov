// game-card (gaming)
#declare Backdrop = rgb <0.9, 0.89, 0.96>;
#include "studio.inc"
#include "products.inc"
object { Voucher(rgb <0.35, 0.2, 0.6>, rgb <0.2, 0.9, 0.7>) }
object { Controller(rgb 0.95) scale 0.5 rotate y * -20 translate <1.0, 0, -0.75> }
