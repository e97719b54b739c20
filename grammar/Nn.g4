/*
 * The nncompile spec language. One file holds an optional package, any number of model blocks, and top-level
 * definitions of activations and losses written as formulas.
 *
 *     package com.acme;
 *     activation swish_beta(z; beta = 1) = z * sigmoid(beta * z)
 *     model Xor {
 *         input 2
 *         dense 4 tanh
 *         dense 1 sigmoid
 *         loss bce
 *         optimizer sgd(lr = 0.5)
 *         train { batch = 4, epochs = 5000, shuffle = false }
 *     }
 *
 * Newlines are whitespace: every statement starts with a keyword, so none is needed as a terminator. The one place
 * a line break matters is a layer's own `init`: it must start on the line where its `dense` statement ends, else
 * it is the model's `init` statement (see sameLine); the same holds for `init … seed N`.
 *
 * Expressions are written as loops, never as left recursion, and right-associative `^` is a loop too (AstBuilder
 * nests it from the right): a long chain like `a + a + … + a` then costs no parser stack. Only parentheses and
 * `if` recurse, and the parser's NestingGuard rejects deep nesting before ANTLR sees it.
 */
grammar Nn;

@parser::members {
    /**
     * Whether the next token continues the line of the previous one. A layer's own {@code init} sits on the line its
     * activation ends on (on a new line it is the model's {@code init}); likewise {@code init … seed N}.
     */
    private boolean sameLine() {
        return _input.LT(1).getLine() == _input.LT(-1).getLine();
    }
}

// ---- file structure -------------------------------------------------------------------------------------------

specFile      : packageDecl? topItem* EOF ;
packageDecl   : PACKAGE qualifiedName SEMI? ;
qualifiedName : NAME (DOT NAME)* ;
topItem       : modelDecl | activationDef | lossDef ;

modelDecl     : MODEL modelName LBRACE statement* RBRACE ;
/** A reserved word is accepted here so that the checker can say why it cannot name a model (and parsing goes on). */
modelName     : NAME | reservedWord ;
reservedWord  : PACKAGE | MODEL | INPUT | DENSE | LOSS | OPTIMIZER | REGULARIZE | INIT | SEED | PRECISION | TRAIN
              | STOP | WHEN | STALLS | FOR | ACTIVATION | IF | THEN | ELSE | AND | OR | NOT ;

statement
    : INPUT size=signedNumber                                                    # inputStmt
    | DENSE size=signedNumber act=fnRef ({sameLine()}? INIT init=fnRef)?   # denseStmt
    | LOSS fnRef                                                                 # lossStmt
    | OPTIMIZER fnRef                                                            # optimizerStmt
    | REGULARIZE fnRef                                                           # regularizeStmt
    | INIT fnRef ({sameLine()}? SEED seed=signedNumber)?                                 # initStmt
    | SEED seed=signedNumber                                                     # seedStmt
    | PRECISION NAME                                                             # precisionStmt
    | TRAIN LBRACE (trainItem COMMA?)* RBRACE                                    # trainStmt
    ;

/** A use of a named thing with optional arguments: {@code relu}, {@code leaky_relu(alpha = 0.2)}, {@code l2(1e-4)}. */
fnRef         : NAME (LPAREN (arg (COMMA arg)*)? RPAREN)? ;
arg           : (NAME ASSIGN)? expr ;
signedNumber  : MINUS? NUMBER ;

trainItem
    : NAME ASSIGN expr                                        # trainSetting
    | STOP WHEN metric=NAME compOp expr                       # stopBelow
    | STOP WHEN metric=NAME STALLS FOR count=signedNumber unit=NAME?   # stopStalls
    ;

// ---- definitions ----------------------------------------------------------------------------------------------

activationDef : ACTIVATION NAME LPAREN params RPAREN ASSIGN expr ;
lossDef       : LOSS NAME LPAREN params RPAREN ASSIGN expr ;
/** Variables first, then after a semicolon the named parameters with their defaults: {@code (p, y; delta = 1)}. */
params        : NAME (COMMA NAME)* (SEMI (param (COMMA param)*)?)? ;
param         : NAME (ASSIGN expr)? ;

// ---- expressions, loosest first -------------------------------------------------------------------------------

expr          : IF expr THEN expr ELSE expr                     # ifExpr
              | orExpr                                          # plainExpr
              ;
orExpr        : andExpr (OR andExpr)* ;
andExpr       : notExpr (AND notExpr)* ;
notExpr       : NOT* comparison ;
comparison    : sum (compOp sum)? ;
compOp        : LT | LE | GT | GE | EQ | NE ;
sum           : product (sumOp product)* ;
sumOp         : PLUS | MINUS ;
product       : unary (productOp unary)* ;
productOp     : STAR | SLASH ;
/** Unary minus binds looser than ^: -x^2 = -(x^2), and 2^-x = 2^(-x). */
unary         : MINUS* power ;
power         : atom (CARET MINUS* atom)* ;
atom          : NUMBER                                          # numberAtom
              | NAME LPAREN (arg (COMMA arg)*)? RPAREN          # callAtom
              | NAME                                            # nameAtom
              | LPAREN expr RPAREN                              # parenAtom
              ;

// ---- tokens ---------------------------------------------------------------------------------------------------

PACKAGE    : 'package' ;
MODEL      : 'model' ;
INPUT      : 'input' ;
DENSE      : 'dense' ;
LOSS       : 'loss' ;
OPTIMIZER  : 'optimizer' ;
REGULARIZE : 'regularize' ;
INIT       : 'init' ;
SEED       : 'seed' ;
PRECISION  : 'precision' ;
TRAIN      : 'train' ;
STOP       : 'stop' ;
WHEN       : 'when' ;
STALLS     : 'stalls' ;
FOR        : 'for' ;
ACTIVATION : 'activation' ;
IF         : 'if' ;
THEN       : 'then' ;
ELSE       : 'else' ;
AND        : 'and' ;
OR         : 'or' ;
NOT        : 'not' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
SEMI   : ';' ;
DOT    : '.' ;
LE     : '<=' ;
GE     : '>=' ;
EQ     : '==' ;
NE     : '!=' ;
LT     : '<' ;
GT     : '>' ;
ASSIGN : '=' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
CARET  : '^' ;

/** 3, 0.5, 1e-4, 2.5E3, .5 */
NUMBER     : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
/** 1e, 2.5e+ : an exponent without digits, reported as a malformed number rather than as a stray name */
BAD_NUMBER : DIGITS ('.' DIGITS?)? [eE] [+-]? ;
NAME       : [a-zA-Z_] [a-zA-Z_0-9]* ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

COMMENT    : ('#' | '//') ~[\r\n]* -> skip ;
WS         : [ \t\r\n\f]+ -> skip ;
/** Anything else: the parser's lexical pass reports it and drops it, so the lexer itself never fails. */
ERROR_CHAR : . ;
