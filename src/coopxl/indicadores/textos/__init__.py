"""Spanish texts of the 41 Balance Social indicators, one module per principle."""
