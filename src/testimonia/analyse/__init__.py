"""Analysis stages: small functions over the document model, each adding typed layers."""
