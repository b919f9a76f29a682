"""Pydantic models generated from openapi/*.yaml by datamodel-code-generator. Never edit by hand."""
