"""gongkai: government-information-disclosure annual reports, read into a warehouse."""

__version__ = "0.1.0"
