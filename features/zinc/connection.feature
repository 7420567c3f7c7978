Feature: Connecting Okta to Zinc
  Before Okta provisions anything, the admin enters the Zinc API token and clicks
  "Test API Credentials"; Okta then lists users with GET /Users?startIndex=1&count=2
  (docs/okta-protocol.md §1.1).

  "Enter your Zinc API token. Click Test API Credentials button. Verify that you get
  notified that your token was verified successfully."
  (Configuring Provisioning for Zinc, Configuration Steps)

  "If you previously obtained an API token for your Zinc instance and used it to
  configure Okta API integration, and testing fails with a notification that
  credentials are incorrect, contact Zinc Customer Support to confirm that your Zinc
  instance is allowed to sync both users and groups from your Okta directory."
  (Troubleshooting Okta Active Directory Sync)

  "User and group provisioning is not enabled for your Zinc instance. Contact Zinc
  Customer Support to have provisioning enabled and obtain a token."
  (Troubleshooting Okta Active Directory Sync, I do not have an API token)

  @ZN-14 @documented
  Scenario: Okta verifies a valid token
    When Okta tests the API credentials
    Then Okta reports the API credentials as verified
    And Okta sent these requests:
      | GET | /Users?startIndex=1&count=2    |
      | GET | /Groups?startIndex=1&count=100 |

  @ZN-14 @okta-doc
  Scenario: The credential test gets a well-formed ListResponse
    When I send GET /Users?startIndex=1&count=2
    Then the response is a ListResponse
    And the response header Content-Type contains "application/scim+json"

  @ZN-12 @documented
  Scenario: Okta's credential test with a wrong token fails
    Given the API token in use is wrong
    When Okta tests the API credentials
    Then Okta reports the API credentials as rejected, saying "Unauthorized"

  @ZN-15 @documented @admin-api
  Scenario Outline: An organization not allowed to sync <missing> fails the credential test and says so
    Given a fresh Zinc organization not allowed to sync <missing>
    When Okta tests the API credentials
    Then Okta reports the API credentials as rejected, saying "<missing>"

    Examples:
      | missing |
      | groups  |
      | users   |

  @ZN-16 @documented @admin-api
  Scenario: An organization without provisioning refuses Okta and says why
    Given a fresh Zinc organization with provisioning turned off
    When Okta tests the API credentials
    Then Okta reports the API credentials as rejected, saying "provisioning"

  @ZN-16 @documented @admin-api
  Scenario: An organization without provisioning creates no user
    Given a fresh Zinc organization with provisioning turned off
    And Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "provisioning"
    And the Zinc console does not list Alice in Users
