"""A generated corpus of messy real-world exports, each with the exact accounting an import must give."""
