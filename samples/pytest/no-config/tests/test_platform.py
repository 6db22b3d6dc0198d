import sys

import pytest

from app import units


@pytest.mark.skipif(sys.platform != "win32", reason="the console's unit names are checked on Windows only")
def test_windows_console_units():
    assert units.show_distance(1).endswith(" km")
