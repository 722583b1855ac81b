"""Provides the sandbox: a local Amazon Connect email endpoint on 127.0.0.1.

It speaks Connect's rest-json wire protocol with SigV4 signing, so boto3, the AWS CLI or
any SDK can be pointed at it with an endpoint URL. `server.start(config)` runs one in a
thread; `embedded.shared_url()` gives the one this process shares; `connect-tui sandbox`
(connect_tui.verbs.sandbox) runs one standalone.
"""
