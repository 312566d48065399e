from coopxl.cli import main

raise SystemExit(main())
