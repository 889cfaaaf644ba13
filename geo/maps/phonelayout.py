"""Maps on a phone: below a width, the controls fold into one menu button.

On a screen narrower than ``NARROW_PX`` the layer control, filters, legend and minimap are
hidden behind a ☰ button (top right) that shows them as one scrolling panel, the zoom, search
and table buttons stay, and popups fit the screen. Wider screens see no change.
"""

from __future__ import annotations

from importlib import resources

from branca.element import MacroElement
from jinja2 import Template

NARROW_PX = 600


class PhoneLayout(MacroElement):
    _template = Template(resources.files("geo.maps").joinpath("templates/phone_layout.js")
                         .read_text("utf-8"))

    def __init__(self) -> None:
        super().__init__()
        self._name = "PhoneLayout"
        self.narrow_px = NARROW_PX
