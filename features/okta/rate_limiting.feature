@create-users
Feature: Okta backs off when the app rate-limits
  On 429 Okta waits Retry-After seconds, or 5 minutes when the header is missing or not
  an integer, doubles the wait on each further 429, and gives up after 10 attempts.

  The harness makes the 429 answers itself: it answers the next requests to the app with
  429 before they reach it, and records Okta's waits instead of sleeping them.

  "First wait: Retry-After: <integer seconds> → waits exactly that long; header absent →
  5 minutes; unsupported format (HTTP-date, non-integer, null) → 5 minutes. Further
  429s: exponential backoff, doubling the previous wait; at most 10 attempts, then the
  task fails permanently." (Understanding SCIM, Handle SCIM server rate limiting;
  docs/okta-protocol.md §8.3)

  Background:
    Given Okta has a user Alice Smith

  @OK-14 @okta-doc
  Scenario: Okta waits as long as Retry-After says, then twice as long
    Given the next 2 requests to the app are answered with 429 and Retry-After "120"
    When Okta assigns Alice to the app
    Then Okta waited 120 and 240 seconds before retrying
    And Okta has no failed tasks
    And Alice is active in the app

  @OK-14 @okta-doc
  Scenario Outline: Without a usable Retry-After Okta waits five minutes (<value>)
    Given the next 1 request to the app is answered with 429 and Retry-After "<value>"
    When Okta assigns Alice to the app
    Then Okta waited 300 seconds before retrying
    And Alice is active in the app

    Examples:
      | value                         |
      | Wed, 21 Oct 2026 07:28:00 GMT |
      | 1.5                           |

  @OK-14 @okta-doc
  Scenario: Without a Retry-After header Okta waits five minutes
    Given the next 1 request to the app is answered with 429
    When Okta assigns Alice to the app
    Then Okta waited 300 seconds before retrying
    And Alice is active in the app

  @OK-14 @okta-doc
  Scenario: Okta gives up after ten attempts
    Given the next 10 requests to the app are answered with 429 and Retry-After "1"
    When Okta assigns Alice to the app
    Then Okta waited 1, 2, 4, 8, 16, 32, 64, 128 and 256 seconds before retrying
    And Okta has a failed task saying "Too Many Requests"
    And Alice is not in the app
