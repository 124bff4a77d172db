"""A static course-site generator that teaches a policy paper: load, link, check, render, publish."""
