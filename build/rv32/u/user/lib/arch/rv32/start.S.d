build/rv32/u/user/lib/arch/rv32/start.S.o: user/lib/arch/rv32/start.S
