import dataclasses

import pytest

from app.config import Config, load_config


def test_defaults_when_environment_is_empty():
    assert load_config({}) == Config()


def test_extension_is_normalised():
    assert load_config({"APP_VECTOR_EXTENSION": "  VChord "}).vector_extension == "vchord"


def test_unknown_extension_is_rejected():
    with pytest.raises(ValueError, match="unsupported vector extension"):
        load_config({"APP_VECTOR_EXTENSION": "faiss"})


def test_embedding_dim_must_be_positive():
    with pytest.raises(ValueError):
        load_config({"APP_EMBEDDING_DIM": "0"})


def test_config_is_immutable():
    config = load_config({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.vector_extension = "vchord"
