Feature: Production and Sandbox
  Each token belongs to one environment, Production (/scim/v2) or Sandbox
  (/sandbox/scim/v2 on the reference server), and opens that environment only.

  "Select the environment you want to connect to - Depending on your API token, you can
  connect to Zinc Production or Sandbox environment."
  (Configuring Provisioning for Zinc, Configuration Steps)

  @ZN-13 @documented
  Scenario: The Sandbox token opens the Sandbox
    Given requests go to the Sandbox base URL
    And the API token in use is the Sandbox token
    When Okta tests the API credentials
    Then Okta reports the API credentials as verified

  @ZN-13 @documented
  Scenario: The Production token does not open the Sandbox
    Given requests go to the Sandbox base URL
    And the API token in use is the Production token
    When I send GET /Users?startIndex=1&count=2
    Then the response is a SCIM error 401

  @ZN-13 @documented
  Scenario: The Sandbox token does not open Production
    Given requests go to the Production base URL
    And the API token in use is the Sandbox token
    When I send GET /Users?startIndex=1&count=2
    Then the response is a SCIM error 401

  @ZN-13 @documented
  Scenario: A user pushed to the Sandbox is not in Production
    Given requests go to the Sandbox base URL
    And the API token in use is the Sandbox token
    And Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Alice is active in Zinc
    When requests go to the Production base URL
    And the API token in use is the Production token
    Then Alice is not in Zinc
