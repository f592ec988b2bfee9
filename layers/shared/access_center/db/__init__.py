"""Data access: the only package that talks to DynamoDB. Every read is a GetItem or a Query."""
