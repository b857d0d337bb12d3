// running-voucher (sports)
#declare Backdrop = rgb <0.88, 0.92, 0.96>;
#include "studio.inc"
#include "products.inc"
object { Voucher(rgb <0.95, 0.45, 0.2>, rgb <0.15, 0.15, 0.2>) }
object { Bottle(rgb <0.2, 0.6, 0.9>, rgb 0.95, 0.9) scale 0.8 translate <1.1, 0, 0.6> }
