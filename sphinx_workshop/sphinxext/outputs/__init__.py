"""What the builders write besides the pages: calendars, portraits, the page script."""
