"""The base class of the generated models (``--base-class`` in ``scripts/_generate.py``).

Its one setting, ``defer_build``, makes pydantic build a model's validator and serializer when the model is first
used instead of when its module is imported: a run builds only the models of the operations it serves (the admin
API's sixty-odd models, say, only once the admin API is called), which takes a fifth of a second off every start.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A generated model: built on first use."""

    model_config = ConfigDict(defer_build=True)
