"""Ankle Trainer: guided home exercise sessions for runners with ankle pain."""

__version__ = "0.1.0"
APP_NAME = "Ankle Trainer"
APP_ID = "io.github.ankletrainer.AnkleTrainer"
