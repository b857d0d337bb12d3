// tackle-box (fishing)
#declare Backdrop = rgb <0.86, 0.92, 0.95>;
#include "studio.inc"
#include "products.inc"
object { TackleBox(rgb <0.2, 0.45, 0.3>, rgb <0.25, 0.55, 0.36>) }
