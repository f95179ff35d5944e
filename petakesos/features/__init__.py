"""One module or folder per page, named like the page: the pure logic each page composes.

Every chart of these pages has one look, Plotly's "plotly_white", set here as the default template
because every chart module is imported through this package. A default template is applied to each new
figure without validation; `update_layout(template="plotly_white")` validated and deep-copied the whole
template for every figure, a quarter of a Pelatihan rerun (py-spy, docs/scaling.md)."""

import plotly.io as pio

pio.templates.default = "plotly_white"
