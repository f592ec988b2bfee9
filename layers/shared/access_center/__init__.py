"""Customer Access Center: the shared package every Lambda function imports.

Layers, top to bottom: functions/*/app.py (HTTP or event in, response out) -> the logic modules here
(no HTTP, no boto3) -> `access_center.db` (the only code that talks to DynamoDB).
"""
