Feature: Where pushed groups land in the console
  Pushed groups go to the "External Directory Groups" folder of Official Groups unless
  the admin picks another existing folder, or the Root Level Folder.

  "When the Directory syncs groups to Zinc, they will be automatically placed in to
  External Directory Groups folder in the Official Groups panel. You can change this
  destination folder in the Settings panel of the Admin Console - You can select any
  existing folder or the Root Level Folder."
  (Configuring Provisioning for Zinc, Where can I find my groups in Zinc Admin?)

  Background:
    Given Okta has a group "Engineering"

  @ZN-27 @documented @admin-api
  Scenario: A pushed group lands in External Directory Groups by default
    When Okta pushes the group "Engineering"
    Then the console group "Engineering" shows folder "External Directory Groups"

  @ZN-27 @documented @admin-api
  Scenario: An admin picks an existing folder for new pushed groups
    Given the Zinc admin creates the folder "Teams"
    And the Zinc admin sets the destination folder to "Teams"
    When Okta pushes the group "Engineering"
    Then the console group "Engineering" shows folder "Teams"

  @ZN-27 @documented @admin-api
  Scenario: An admin picks the Root Level Folder for new pushed groups
    Given the Zinc admin sets the destination folder to "Root Level Folder"
    When Okta pushes the group "Engineering"
    Then the console group "Engineering" shows folder "Root Level Folder"

  @ZN-27 @inferred @admin-api
  Scenario: A folder that does not exist cannot be the destination
    The documents only offer existing folders; the reference refuses any other name.

    When the Zinc admin sets the destination folder to "Nowhere"
    Then the response status is 400
