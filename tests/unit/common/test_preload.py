"""Background imports: started once per module, and a module that fails to import raises nothing."""

import sys

from assets.common.preload import preload_in_background


def test_a_module_is_imported_once_in_the_background() -> None:
    sys.modules.pop("colorsys", None)
    (thread,) = preload_in_background("colorsys")
    thread.join(timeout=30)
    assert "colorsys" in sys.modules
    assert preload_in_background("colorsys") == []


def test_a_module_that_cannot_be_imported_is_left_to_the_step_that_needs_it() -> None:
    (thread,) = preload_in_background("desa_no_such_module")
    thread.join(timeout=30)
    assert "desa_no_such_module" not in sys.modules
