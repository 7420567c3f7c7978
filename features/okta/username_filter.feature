@users
Feature: userName lookups ignore case
  Okta looks users up by userName; the SPEC test looks the user it made up again in
  capitals.

  Okta's SPEC test: "Required Test: Username Case Sensitivity Check"
  (docs/okta-protocol.md §9.1 step 9).

  @OK-06 @okta-doc
  Scenario: A userName filter ignores case
    Given the app has a user Alice Smith
    When I send GET /Users?filter=userName eq "{Alice.userName|upper}"&startIndex=1&count=100
    Then the response is a ListResponse of 1 resource
    And the response's Resources.0.id is "{Alice.id}"
