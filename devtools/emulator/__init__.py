"""The local server `make dev` runs and the AWS it emulates in-process: API Gateway (gateway,
apigateway), the table streams and queues that invoke functions, S3 (files), SES (outbox), EventBridge
(events), and DynamoDB Local as an alternative engine. The tests drive the same pieces."""
