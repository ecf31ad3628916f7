# sim-pc.sed - for sed -E: in the simulator user code is host code linked
# beside the kernel, so its addresses move with the kernel's size: a
# fault's pc (and an address equal to it) is not compared between two
# builds (tests/fastpath/run.sh, tests/fuzz/fastpath.sh).
s/pc (0x[0-9a-f]+),? address \1/pc PC address PC/
s/pc 0x[0-9a-f]+/pc PC/g
