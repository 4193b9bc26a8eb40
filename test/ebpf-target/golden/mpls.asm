; examples/mpls/mpls.pnet: XDP program 'pnet_xdp' (section xdp), 758 instructions
; maps: scratch, ports, ifports, t0, t1, defaults
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L754
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L754
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
stdw [%r9+96], 0
stdw [%r9+104], 0
stdw [%r9+112], 0
stdw [%r9+120], 0
stdw [%r9+128], 0
stdw [%r9+136], 0
stdw [%r9+144], 0
stdw [%r9+152], 0
stdw [%r9+160], 0
stdw [%r9+168], 0
stdw [%r9+176], 0
stdw [%r9+184], 0
stdw [%r9+192], 0
stdw [%r9+200], 0
stdw [%r9+208], 0
stdw [%r9+216], 0
stdw [%r9+224], 0
stdw [%r9+232], 0
stdw [%r9+240], 0
stdw [%r9+248], 0
stdw [%r9+256], 0
stdw [%r9+264], 0
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L55
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L55
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L55
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L67
L55:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L756
ldxw %r3, [%r0+4]
jeq %r3, 0, L756
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L67:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L220
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+88], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+96], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+104], %r1
add %r7, 14
mov %r8, 14
stb [%r9+80], 1
jeq %r1, 34887, L90
jne %r1, 2048, L227
ja L114
L90:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L220
ldxw %r0, [%r7]
be32 %r0
rsh %r0, 12
stxdw [%r9+112], %r0
ldxb %r0, [%r7+2]
rsh %r0, 1
and %r0, 7
stxdw [%r9+120], %r0
ldxb %r0, [%r7+2]
and %r0, 1
stxdw [%r9+128], %r0
ldxb %r0, [%r7+3]
stxdw [%r9+136], %r0
add %r7, 4
mov %r8, 18
stb [%r9+81], 1
ldxdw %r0, [%r9+128]
jeq %r0, 0, L136
jne %r0, 1, L222
ja L160
L114:
mov %r0, %r7
add %r0, 20
ldxw %r1, [%r6+4]
jgt %r0, %r1, L220
ldxb %r1, [%r7]
rsh %r1, 4
stxdw [%r9+272], %r1
ldxb %r1, [%r7+8]
stxdw [%r9+336], %r1
ldxb %r1, [%r7+9]
stxdw [%r9+344], %r1
ldxh %r1, [%r7+10]
be16 %r1
stxdw [%r9+352], %r1
ldxw %r1, [%r7+16]
be32 %r1
stxdw [%r9+368], %r1
add %r8, 20
stb [%r9+85], 1
ldxdw %r1, [%r9+272]
jne %r1, 4, L224
ja L227
L136:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L220
ldxw %r0, [%r7]
be32 %r0
rsh %r0, 12
stxdw [%r9+144], %r0
ldxb %r0, [%r7+2]
rsh %r0, 1
and %r0, 7
stxdw [%r9+152], %r0
ldxb %r0, [%r7+2]
and %r0, 1
stxdw [%r9+160], %r0
ldxb %r0, [%r7+3]
stxdw [%r9+168], %r0
add %r7, 4
mov %r8, 22
stb [%r9+82], 1
ldxdw %r0, [%r9+160]
jne %r0, 0, L159
ja L170
L159:
jne %r0, 1, L222
L160:
mov %r0, %r7
add %r0, 1
ldxw %r1, [%r6+4]
jgt %r0, %r1, L220
ldxb %r1, [%r7]
rsh %r1, 4
jne %r1, 4, L168
ja L114
L168:
jne %r1, 0, L222
ja L227
L170:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L220
ldxw %r0, [%r7]
be32 %r0
rsh %r0, 12
stxdw [%r9+176], %r0
ldxb %r0, [%r7+2]
rsh %r0, 1
and %r0, 7
stxdw [%r9+184], %r0
ldxb %r0, [%r7+2]
and %r0, 1
stxdw [%r9+192], %r0
ldxb %r0, [%r7+3]
stxdw [%r9+200], %r0
add %r7, 4
mov %r8, 26
stb [%r9+83], 1
ldxdw %r0, [%r9+192]
jne %r0, 0, L193
ja L195
L193:
jne %r0, 1, L222
ja L160
L195:
mov %r0, %r7
add %r0, 4
ldxw %r1, [%r6+4]
jgt %r0, %r1, L220
ldxw %r1, [%r7]
be32 %r1
rsh %r1, 12
stxdw [%r9+208], %r1
ldxb %r1, [%r7+2]
rsh %r1, 1
and %r1, 7
stxdw [%r9+216], %r1
ldxb %r1, [%r7+2]
and %r1, 1
stxdw [%r9+224], %r1
ldxb %r1, [%r7+3]
stxdw [%r9+232], %r1
add %r7, 4
mov %r8, 30
stb [%r9+84], 1
ldxdw %r1, [%r9+224]
jne %r1, 0, L218
ja L226
L218:
jne %r1, 1, L222
ja L160
L220:
stdw [%r9+8], 1
ja L227
L222:
stdw [%r9+8], 2
ja L227
L224:
stdw [%r9+8], 6
ja L227
L226:
stdw [%r9+8], 3
L227:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jeq %r1, 0, L234
stdw [%r9+16], 0
ja L576
L234:
ldxb %r1, [%r9+81]
jeq %r1, 0, L472
ldxdw %r1, [%r9+136]
jge %r1, 2, L240
stdw [%r9+16], 0
ja L576
L240:
ldxdw %r1, [%r9+112]
stxdw [%r9+1456], %r1
stxdw [%r9+1472], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1472
call 1
mov %r7, %r0
jne %r0, 0, L251
ldxdw %r7, [%r10-328]
L251:
ldxw %r1, [%r7]
jeq %r1, 0, L275
jeq %r1, 1, L257
jeq %r1, 2, L270
stdw [%r9+16], 0
ja L576
L257:
ldxdw %r1, [%r7+8]
stxdw [%r9+112], %r1
ldxdw %r1, [%r9+136]
sub %r1, 1
and %r1, 255
stxdw [%r9+136], %r1
ldxdw %r1, [%r7+16]
stxdw [%r9+264], %r1
ldxdw %r1, [%r7+24]
stxdw [%r9+240], %r1
ldxdw %r1, [%r7+32]
stxdw [%r9+248], %r1
ja L301
L270:
ldxdw %r1, [%r7+8]
stxdw [%r9+240], %r1
ldxdw %r1, [%r7+16]
stxdw [%r9+248], %r1
ja L373
L275:
ldxdw %r1, [%r7+8]
stxdw [%r9+112], %r1
ldxdw %r1, [%r9+136]
sub %r1, 1
and %r1, 255
stxdw [%r9+136], %r1
ldxdw %r1, [%r7+16]
stxdw [%r9+240], %r1
ldxdw %r1, [%r7+24]
stxdw [%r9+248], %r1
ldxdw %r1, [%r9+240]
stxdw [%r9+400], %r1
ldxdw %r1, [%r9+248]
stxdw [%r9+408], %r1
mov %r7, %r9
add %r7, 400
lddw %r1, 0x20000004d01
stxdw [%r9+96], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+88], %r1
ldxdw %r1, [%r7]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
mov %r7, 0
ja L576
L301:
ldxb %r1, [%r9+84]
jeq %r1, 0, L305
stdw [%r9+16], 0
ja L576
L305:
ldxdw %r1, [%r9+264]
stxdw [%r9+400], %r1
ldxdw %r1, [%r9+136]
stxdw [%r9+408], %r1
mov %r7, %r9
add %r7, 400
ldxb %r1, [%r9+83]
stxb [%r9+84], %r1
ldxdw %r1, [%r9+176]
stxdw [%r9+208], %r1
ldxdw %r1, [%r9+184]
stxdw [%r9+216], %r1
ldxdw %r1, [%r9+192]
stxdw [%r9+224], %r1
ldxdw %r1, [%r9+200]
stxdw [%r9+232], %r1
ldxb %r1, [%r9+82]
stxb [%r9+83], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+176], %r1
ldxdw %r1, [%r9+152]
stxdw [%r9+184], %r1
ldxdw %r1, [%r9+160]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+168]
stxdw [%r9+200], %r1
ldxb %r1, [%r9+81]
stxb [%r9+82], %r1
ldxdw %r1, [%r9+112]
stxdw [%r9+144], %r1
ldxdw %r1, [%r9+120]
stxdw [%r9+152], %r1
ldxdw %r1, [%r9+128]
stxdw [%r9+160], %r1
ldxdw %r1, [%r9+136]
stxdw [%r9+168], %r1
stdw [%r9+112], 0
stdw [%r9+120], 0
stdw [%r9+128], 0
stdw [%r9+136], 0
stb [%r9+81], 1
ldxdw %r1, [%r7]
stxdw [%r9+112], %r1
ldxb %r1, [%r9+82]
xor %r1, 1
stxdw [%r9+128], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+136], %r1
mov %r7, 0
ldxdw %r1, [%r9+240]
stxdw [%r9+400], %r1
ldxdw %r1, [%r9+248]
stxdw [%r9+408], %r1
mov %r7, %r9
add %r7, 400
lddw %r1, 0x20000004d01
ldxb %r0, [%r9+80]
jeq %r0, 0, L365
stxdw [%r9+96], %r1
L365:
ldxdw %r1, [%r7+8]
jeq %r0, 0, L368
stxdw [%r9+88], %r1
L368:
ldxdw %r1, [%r7]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
mov %r7, 0
ja L576
L373:
ldxdw %r1, [%r9+240]
stxdw [%r9+400], %r1
ldxdw %r1, [%r9+248]
stxdw [%r9+408], %r1
mov %r7, %r9
add %r7, 400
lddw %r1, 0x20000004d01
stxdw [%r9+96], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+88], %r1
ldxdw %r1, [%r7]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
mov %r7, 0
ldxdw %r1, [%r9+136]
sub %r1, 1
and %r1, 255
stxdw [%r9+384], %r1
ldxdw %r1, [%r9+128]
jne %r1, 1, L432
ldxb %r1, [%r9+85]
jne %r1, 0, L398
stdw [%r9+16], 0
ja L576
L398:
stdw [%r9+104], 2048
ldxdw %r1, [%r9+352]
and %r1, 65535
xor %r1, 65535
ldxdw %r0, [%r9+336]
lsh %r0, 8
and %r0, 65535
ldxdw %r2, [%r9+344]
or %r0, %r2
mov %r2, %r0
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r0, [%r9+384]
lsh %r0, 8
and %r0, 65535
ldxdw %r2, [%r9+344]
or %r0, %r2
mov %r2, %r0
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
stxdw [%r9+352], %r1
ldxdw %r1, [%r9+384]
stxdw [%r9+336], %r1
ja L436
L432:
ldxdw %r1, [%r9+384]
ldxb %r0, [%r9+82]
jeq %r0, 0, L436
stxdw [%r9+168], %r1
L436:
ldxb %r1, [%r9+82]
stxb [%r9+81], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+112], %r1
ldxdw %r1, [%r9+152]
stxdw [%r9+120], %r1
ldxdw %r1, [%r9+160]
stxdw [%r9+128], %r1
ldxdw %r1, [%r9+168]
stxdw [%r9+136], %r1
ldxb %r1, [%r9+83]
stxb [%r9+82], %r1
ldxdw %r1, [%r9+176]
stxdw [%r9+144], %r1
ldxdw %r1, [%r9+184]
stxdw [%r9+152], %r1
ldxdw %r1, [%r9+192]
stxdw [%r9+160], %r1
ldxdw %r1, [%r9+200]
stxdw [%r9+168], %r1
ldxb %r1, [%r9+84]
stxb [%r9+83], %r1
ldxdw %r1, [%r9+208]
stxdw [%r9+176], %r1
ldxdw %r1, [%r9+216]
stxdw [%r9+184], %r1
ldxdw %r1, [%r9+224]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+232]
stxdw [%r9+200], %r1
stb [%r9+84], 0
stdw [%r9+208], 0
stdw [%r9+216], 0
stdw [%r9+224], 0
stdw [%r9+232], 0
ja L576
L472:
ldxb %r1, [%r9+85]
jne %r1, 0, L476
stdw [%r9+16], 2
ja L576
L476:
ldxdw %r1, [%r9+336]
jgt %r1, 1, L480
stdw [%r9+16], 2
ja L576
L480:
ldxdw %r1, [%r9+368]
stxdw [%r9+1464], %r1
stw [%r9+1472], 32
be32 %r1
stxw [%r9+1476], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1472
call 1
mov %r7, %r0
jne %r0, 0, L494
ldxdw %r7, [%r10-328]
add %r7, 40
L494:
ldxw %r0, [%r7]
jeq %r0, 0, L498
stdw [%r9+16], 0
ja L576
L498:
ldxdw %r0, [%r7+8]
stxdw [%r9+256], %r0
ldxdw %r0, [%r7+16]
stxdw [%r9+240], %r0
ldxdw %r0, [%r7+24]
stxdw [%r9+248], %r0
ldxdw %r0, [%r9+256]
stxdw [%r9+400], %r0
ldxdw %r0, [%r9+336]
sub %r0, 1
and %r0, 255
stxdw [%r9+408], %r0
mov %r7, %r9
add %r7, 400
ldxb %r0, [%r9+83]
stxb [%r9+84], %r0
ldxdw %r0, [%r9+176]
stxdw [%r9+208], %r0
ldxdw %r0, [%r9+184]
stxdw [%r9+216], %r0
ldxdw %r0, [%r9+192]
stxdw [%r9+224], %r0
ldxdw %r0, [%r9+200]
stxdw [%r9+232], %r0
ldxb %r0, [%r9+82]
stxb [%r9+83], %r0
ldxdw %r0, [%r9+144]
stxdw [%r9+176], %r0
ldxdw %r0, [%r9+152]
stxdw [%r9+184], %r0
ldxdw %r0, [%r9+160]
stxdw [%r9+192], %r0
ldxdw %r0, [%r9+168]
stxdw [%r9+200], %r0
ldxb %r0, [%r9+81]
stxb [%r9+82], %r0
ldxdw %r0, [%r9+112]
stxdw [%r9+144], %r0
ldxdw %r0, [%r9+120]
stxdw [%r9+152], %r0
ldxdw %r0, [%r9+128]
stxdw [%r9+160], %r0
ldxdw %r0, [%r9+136]
stxdw [%r9+168], %r0
stdw [%r9+112], 0
stdw [%r9+120], 0
stdw [%r9+128], 0
stdw [%r9+136], 0
stb [%r9+81], 1
ldxdw %r0, [%r7]
stxdw [%r9+112], %r0
ldxb %r0, [%r9+82]
xor %r0, 1
stxdw [%r9+128], %r0
ldxdw %r0, [%r7+8]
stxdw [%r9+136], %r0
mov %r7, 0
mov %r0, 34887
ldxb %r1, [%r9+80]
jeq %r1, 0, L559
stxdw [%r9+104], %r0
L559:
ldxdw %r0, [%r9+240]
stxdw [%r9+400], %r0
ldxdw %r0, [%r9+248]
stxdw [%r9+408], %r0
mov %r7, %r9
add %r7, 400
lddw %r0, 0x20000004d01
jeq %r1, 0, L569
stxdw [%r9+96], %r0
L569:
ldxdw %r0, [%r7+8]
jeq %r1, 0, L572
stxdw [%r9+88], %r0
L572:
ldxdw %r0, [%r7]
stxdw [%r9+24], %r0
stdw [%r9+16], 1
mov %r7, 0
L576:
ldxdw %r0, [%r9+16]
jeq %r0, 0, L721
ldxb %r0, [%r9+80]
mul %r0, 14
mov %r8, %r0
ldxb %r1, [%r9+81]
mul %r1, 4
add %r0, %r1
mov %r7, %r0
ldxb %r1, [%r9+82]
mul %r1, 4
add %r0, %r1
stxdw [%r9+456], %r0
ldxb %r1, [%r9+83]
mul %r1, 4
add %r0, %r1
stxdw [%r9+464], %r0
ldxb %r1, [%r9+84]
mul %r1, 4
add %r0, %r1
stxdw [%r9+472], %r0
ldxb %r1, [%r9+85]
mul %r1, 20
add %r0, %r1
ldxdw %r1, [%r9]
sub %r1, %r0
jeq %r1, 0, L607
mov %r2, %r1
mov %r1, %r6
call 44
jne %r0, 0, L754
L607:
ldxw %r1, [%r6+4]
ldxb %r0, [%r9+80]
jeq %r0, 0, L627
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 14
jgt %r3, %r1, L754
ldxdw %r3, [%r9+88]
lsh %r3, 16
ldxdw %r4, [%r9+96]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
ldxdw %r3, [%r9+96]
be32 %r3
stxw [%r2+8], %r3
ldxdw %r3, [%r9+104]
be16 %r3
stxh [%r2+12], %r3
L627:
ldxb %r2, [%r9+81]
jeq %r2, 0, L646
ldxw %r0, [%r6]
add %r0, %r8
mov %r4, %r0
add %r4, 4
jgt %r4, %r1, L754
ldxdw %r4, [%r9+112]
lsh %r4, 12
ldxdw %r3, [%r9+120]
lsh %r3, 9
or %r4, %r3
ldxdw %r3, [%r9+128]
lsh %r3, 8
or %r4, %r3
ldxdw %r3, [%r9+136]
or %r4, %r3
be32 %r4
stxw [%r0], %r4
L646:
ldxb %r0, [%r9+82]
jeq %r0, 0, L665
ldxw %r2, [%r6]
add %r2, %r7
mov %r3, %r2
add %r3, 4
jgt %r3, %r1, L754
ldxdw %r3, [%r9+144]
lsh %r3, 12
ldxdw %r4, [%r9+152]
lsh %r4, 9
or %r3, %r4
ldxdw %r4, [%r9+160]
lsh %r4, 8
or %r3, %r4
ldxdw %r4, [%r9+168]
or %r3, %r4
be32 %r3
stxw [%r2], %r3
L665:
ldxb %r2, [%r9+83]
jeq %r2, 0, L686
ldxdw %r2, [%r9+456]
jgt %r2, 16383, L754
ldxw %r0, [%r6]
add %r0, %r2
mov %r4, %r0
add %r4, 4
jgt %r4, %r1, L754
ldxdw %r4, [%r9+176]
lsh %r4, 12
ldxdw %r3, [%r9+184]
lsh %r3, 9
or %r4, %r3
ldxdw %r3, [%r9+192]
lsh %r3, 8
or %r4, %r3
ldxdw %r3, [%r9+200]
or %r4, %r3
be32 %r4
stxw [%r0], %r4
L686:
ldxb %r0, [%r9+84]
jeq %r0, 0, L707
ldxdw %r0, [%r9+464]
jgt %r0, 16383, L754
ldxw %r2, [%r6]
add %r2, %r0
mov %r3, %r2
add %r3, 4
jgt %r3, %r1, L754
ldxdw %r3, [%r9+208]
lsh %r3, 12
ldxdw %r4, [%r9+216]
lsh %r4, 9
or %r3, %r4
ldxdw %r4, [%r9+224]
lsh %r4, 8
or %r3, %r4
ldxdw %r4, [%r9+232]
or %r3, %r4
be32 %r3
stxw [%r2], %r3
L707:
ldxb %r2, [%r9+85]
jeq %r2, 0, L721
ldxdw %r2, [%r9+472]
jgt %r2, 16383, L754
ldxw %r0, [%r6]
add %r0, %r2
mov %r4, %r0
add %r4, 12
jgt %r4, %r1, L754
ldxdw %r4, [%r9+336]
stxb [%r0+8], %r4
ldxdw %r3, [%r9+352]
be16 %r3
stxh [%r0+10], %r3
L721:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L735
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L735
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L735
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L735:
jne %r5, 0, L738
mov %r0, 1
exit
L738:
jne %r5, 2, L741
mov %r0, 2
exit
L741:
jne %r5, 3, L744
mov %r0, 3
exit
L744:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L749
mov %r0, 3
exit
L749:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L754:
mov %r0, 0
exit
L756:
mov %r0, 1
exit
