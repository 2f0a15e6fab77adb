package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface VerifyActivities {

  /** Checks that each project is in the destination with the same endpoint-host digest. */
  @ActivityMethod
  VerifyOutcome verifyProjects(VerifyInput input);

  /** How many projects the org holds now (pages through all of them). */
  @ActivityMethod
  int countProjects(String orgId);
}
