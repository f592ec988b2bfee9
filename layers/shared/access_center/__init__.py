"""Customer Access Center: the shared package every Lambda function imports.

Layers, top to bottom: functions/*/app.py (HTTP or event in, response out) -> the logic modules here
(no HTTP, no boto3) -> `access_center.db` (the only code that talks to DynamoDB).
"""

from access_center.core.imports import DATA_CLASSES, EVENT_CLASS_HOMES, defer_package_index

# Before any of our modules imports Powertools' resolver (access_center.core.imports says why).
defer_package_index()
defer_package_index(DATA_CLASSES, EVENT_CLASS_HOMES)
