"""Provides the Amazon Connect Flow language: parse and check a flow, run it on a contact.

Pure modules (no HTTP, no sandbox state), so `connect-tui flow test` runs a flow
in-process and the sandbox runs the same code behind StartEmailContact:

- model: the flow as parsed, and the checks CreateContactFlow makes (InvalidContactFlowException)
- jsonpath: the values flows read (`$.Attributes.x`, `$.SegmentAttributes['connect:EmailSubject']`)
- conditions: the Condition operators of Transitions
- control, contact, interactions, participant: one module per family of actions
- runner: runs a flow on a FlowContact and returns the path it took
- flowlog: the path as Connect's flow-log records
- outline: a readable outline of a flow (`connect-tui flow show`)

The reference is the API Reference's "Amazon Connect Flow language" pages; docs/flows.md
lists what is implemented and what the sandbox does where the documentation is silent.
"""
