"""What a map shows (MapSpec) and the Bahasa Indonesia text on it, kept in one place."""

from __future__ import annotations

from dataclasses import dataclass

from petakesos.maps.breaks import K_MAX, K_MIN, NO_DATA_LABEL, PALETTES, SCHEMES

SCHEME_LABELS = {
    "quantile": "kuantil",
    "fisher_jenks": "Fisher-Jenks (natural breaks)",
    "equal_interval": "interval sama",
}
# Palette names as users read them; the ColorBrewer/matplotlib names stay the internal values.
PALETTE_LABELS = {
    "YlOrRd": "Kuning–merah",
    "Blues": "Biru",
    "Purples": "Ungu",
    "YlGnBu": "Kuning–hijau–biru",
    "Greens": "Hijau",
    "Oranges": "Oranye",
    "viridis": "Kuning–hijau–ungu (viridis)",
}
# Legend unit per level of the layer, inferred from the code length.
UNIT_BY_LEVEL = {"prov": "provinsi", "kab": "kab/kota", "kec": "kecamatan", "desa": "desa"}
TEXT = {
    "rank": "Peringkat",
    "of": "dari",
    "kec": "Kec.",
    "classification": "Klasifikasi",
    "classes": "kelas",
    "source": "Sumber",
    "asof": "Data per",
    "north": "U",
    "bubbles": "Lingkaran: jumlah absolut",
    "max": "maks.",
    "boundary_note": "Batas wilayah indikatif, bukan batas definitif.",
}


@dataclass(frozen=True)
class MapSpec:
    """Title, classification and look of one choropleth; the page builds it from its filters."""

    title: str
    subtitle: str = ""  # wilayah + period, e.g. "Kabupaten Tuban · Triwulan I 2025"
    value_label: str = "Jumlah"
    scheme: str = "quantile"
    k: int = 5
    palette: str = "YlOrRd"
    source_note: str = ""
    asof: str = ""
    presentation: bool = False
    basemap: bool = False
    suppress_small: bool = False
    # What a place without a value means on this map: missing data, or e.g. "Tanpa PSM" on a caseload map.
    no_data_label: str = NO_DATA_LABEL
    # Draw the title block on the map in the app too (two maps side by side must each name their period).
    show_title: bool = False

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValueError(f"Skema klasifikasi tidak dikenal: {self.scheme!r}")
        if not K_MIN <= self.k <= K_MAX:
            raise ValueError(f"Jumlah kelas harus {K_MIN}–{K_MAX}, bukan {self.k}")
        if self.palette not in PALETTES:
            raise ValueError(f"Palet tidak dikenal: {self.palette!r}")

    def classification_text(self, k_used: int) -> str:
        """E.g. 'Klasifikasi: kuantil, 5 kelas'."""
        return f"{TEXT['classification']}: {SCHEME_LABELS[self.scheme]}, {k_used} {TEXT['classes']}"

    def footer_text(self) -> str:
        """Source and as-of line shown on the HTML and PNG maps."""
        parts = []
        if self.source_note:
            parts.append(f"{TEXT['source']}: {self.source_note}")
        if self.asof:
            parts.append(f"{TEXT['asof']} {self.asof}")
        return " · ".join(parts)
