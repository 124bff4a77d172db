import sys

from build_tools.buildstate import up_to_date_build

# `make site` with nothing changed answers here, before the checks, models and engines are
# imported (that alone takes longer than the whole answer).
if up_to_date_build(sys.argv[1:]):
    print("build_tools: site is up to date: nothing changed since it was built")
    raise SystemExit(0)

from build_tools.cli import main  # noqa: E402

raise SystemExit(main())
