"""One module or folder per page, named like the page: the pure logic each page composes."""
