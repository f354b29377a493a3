package org.shopsuite.examplebase.feature;

import org.shopsuite.examplebase.ExampleCommand;

public class Step {
    ExampleCommand startedBy;
}
