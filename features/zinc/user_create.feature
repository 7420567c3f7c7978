Feature: Pushing new users
  When a user is assigned to the app, Okta looks it up by userName and, when the
  lookup finds nobody, creates it with POST /Users (docs/okta-protocol.md §2.1).

  "New users created through OKTA will also be created in Zinc"
  (Configuring Provisioning for Zinc, Push New Users)

  Okta's requests carry "Accept: application/scim+json / Accept-Charset: utf-8 /
  Content-Type: application/scim+json; charset=utf-8 / User-Agent: Okta SCIM Client 1.0.0"
  (docs/okta-protocol.md §1.3). A lookup that finds nobody answers
  {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}
  (docs/okta-protocol.md §2.2). The password is always sent, "even if password sync isn't
  enabled … a placeholder for legacy provisioning platforms and its value isn't relevant
  or sensitive" (§2.3). A second create of the same user is a 409: "Required Test:
  Expect failure when recreating user with same values" (§2.4, the SPEC test).

  Background:
    Given Okta has a user Alice Smith

  @ZN-01 @documented
  Scenario: Assigning a user in Okta creates it in Zinc
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Okta sent these requests:
      | GET  | /Users?filter=userName eq "{Alice.userName}"&startIndex=1&count=100 |
      | POST | /Users                                                              |
    And Alice is active in Zinc
    And Zinc has exactly one user for Alice
