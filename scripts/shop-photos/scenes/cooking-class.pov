// cooking-class (cooking)
#declare Backdrop = rgb <0.97, 0.92, 0.88>;
#include "studio.inc"
#include "products.inc"
object { Voucher(rgb <0.3, 0.55, 0.35>, rgb <0.98, 0.9, 0.7>) }
object { ChefHat() translate <1.1, 0, -0.55> }
