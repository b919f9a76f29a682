"""authkit-mock: a stateful reference server for five authentication APIs."""

__all__: list[str] = []
