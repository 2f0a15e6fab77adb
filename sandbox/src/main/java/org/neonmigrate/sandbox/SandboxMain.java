package org.neonmigrate.sandbox;

/** Starts the whole system locally. */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) {}
}
