package org.shopsuite.examplebase;

import org.shopsuite.examplebase.feature.Step;

/** A service's base package that starts a feature, which needs it back: a cycle the rules must catch. */
public class ExampleCommand {
    Step step;
}
